from . import fleet_vehicle_model_brand
from . import fleet_vehicle
from . import fleet_vehicle_odometer
from . import res_partner
from . import res_config_settings
