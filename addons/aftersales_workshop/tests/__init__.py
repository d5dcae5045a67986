from . import test_module
from . import test_workshop
from . import test_roles
from . import test_ui
from . import test_technician_tablet
from . import test_dispatch_board
from . import test_scheduled_actions
from . import test_quality_failure_notice
