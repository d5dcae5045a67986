from odoo.tests import new_test_user, tagged

from odoo.addons.aftersales_reception.tests.common import RECEPTION_READER_RIGHTS, AftersalesCase, access_rights
from odoo.addons.aftersales_reception.tests.test_security import ROLES as RECEPTION_ROLES

# Reception's roles and the insurance clerk, by their groups.
ROLE_GROUPS = {
    **{role: f"aftersales_reception.group_{role}" for role in RECEPTION_ROLES},
    "insurance_clerk": "aftersales_insurance.group_insurance_clerk",
}
ROLES = tuple(ROLE_GROUPS)

CASE_MODELS = (
    "aftersales.insurance.case", "aftersales.insurance.assessment", "aftersales.insurance.assessment.line",
    "aftersales.insurance.document",
)
# What each role may do on the claim records: read, write, create, unlink ("1" allowed, "0" refused).
CASE_RIGHTS = {
    "service_manager": "1111", "insurance_clerk": "1111", "service_advisor": "1110", "cashier": "1000",
    **{role: "0000" for role in ROLES
       if role not in ("service_manager", "insurance_clerk", "service_advisor", "cashier")},
}
EXPECTED_RIGHTS = {
    **dict.fromkeys(CASE_MODELS, CASE_RIGHTS),
    # Deleting a case is the service manager's.
    "aftersales.insurance.case": {**CASE_RIGHTS, "insurance_clerk": "1110"},
    "aftersales.insurance.document.type": {
        "service_manager": "1111", **{role: "1000" for role in ROLES if role != "service_manager"},
    },
}


@tagged("post_install", "-at_install")
class TestInsuranceRoles(AftersalesCase):
    def test_access_rights_per_role(self):
        users = {
            role: new_test_user(self.env, login=f"ins_test_{role}", groups=group)
            for role, group in ROLE_GROUPS.items()
        }
        for model, rights in EXPECTED_RIGHTS.items():
            self.assertEqual(set(rights), set(ROLES), f"every role has expected rights on {model}")
            for role, expected in rights.items():
                allowed = access_rights(self.env[model].with_user(users[role]))
                self.assertEqual(allowed, expected, f"{role} on {model} (read, write, create, unlink)")

    def test_clerk_is_a_reader_of_reception_records_and_a_role_of_the_manager(self):
        clerk = new_test_user(self.env, login="ins_test_reader", groups="aftersales_insurance.group_insurance_clerk")
        self.assertRights(clerk, RECEPTION_READER_RIGHTS)
        manager = new_test_user(self.env, login="ins_test_manager",
                                groups="aftersales_reception.group_service_manager")
        self.assertTrue(manager.has_group("aftersales_insurance.group_insurance_clerk"))
