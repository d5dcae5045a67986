from . import test_coverage
from . import test_claim
from . import test_recall
from . import test_claim_parts
from . import test_ui
from . import test_steps
from . import test_roles
from . import test_scheduled_actions
