from . import test_module
from . import test_followup
from . import test_lost_customers
from . import test_concurrency
from . import test_roles
from . import test_questionnaire
from . import test_scheduled_actions
