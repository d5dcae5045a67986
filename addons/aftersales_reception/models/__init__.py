from . import fleet_vehicle, fleet_vehicle_model_brand, fleet_vehicle_odometer, res_config_settings, res_partner
