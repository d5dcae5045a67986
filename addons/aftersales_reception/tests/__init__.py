from . import test_mileage, test_partner, test_security, test_ui, test_vehicle_file, test_vin
