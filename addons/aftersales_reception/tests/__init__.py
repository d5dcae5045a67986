from . import test_vin
from . import test_mileage
from . import test_partner
from . import test_security
from . import test_vehicle_file
from . import test_appointment
from . import test_work_order
from . import test_ui
