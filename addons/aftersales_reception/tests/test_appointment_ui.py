from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestAppointmentTour(HttpCase):
    def test_advisor_books_a_free_afternoon_slot(self):
        """A Chinese advisor's week starts on Monday; each booking shows plate, customer and service; a
        click on a free afternoon slot of the booking form books it."""
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env.company.resource_calendar_id.tz = "Asia/Shanghai"
        advisor = new_test_user(self.env, login="tour_booking_advisor", name="李娜", lang="zh_CN",
                                tz="Asia/Shanghai", groups="aftersales_reception.group_service_advisor")
        # A technician, so that the workshop has hours to book (a database without demo data has none).
        new_test_user(self.env, login="tour_booking_technician", name="王师傅",
                      groups="aftersales_reception.group_workshop_technician")
        brand = self.env["fleet.vehicle.model.brand"].create({"name": "Tour Motors B"})
        model = self.env["fleet.vehicle.model"].create({"name": "Tour MPV", "brand_id": brand.id})
        Vehicle = self.env["fleet.vehicle"]
        here = Vehicle.create({
            "vehicle_usage": "customer", "model_id": model.id, "license_plate": "浙A·TOUR4",
            "customer_id": self.env["res.partner"].create({"name": "沙和尚"}).id,
        })
        booked = Vehicle.create({
            "vehicle_usage": "customer", "model_id": model.id, "license_plate": "浙A·TOUR3",
            "customer_id": self.env["res.partner"].create({"name": "白龙马"}).id,
        })
        Appointment = self.env["aftersales.appointment"]
        # The customer who is here now, on this week's calendar.
        Appointment.create({"vehicle_id": here.id, "advisor_id": advisor.id, "source": "walk_in",
                            "start_date": fields.Datetime.now(), "requested_services": "四万公里保养"})
        # The first free afternoon slot of the coming days, as the form offers it to the advisor.
        draft = Appointment.with_user(advisor).with_context(tz="Asia/Shanghai").new({"advisor_id": advisor.id})
        afternoons = [slot for day in draft._free_slots_by_period(fields.Date.context_today(draft), 5)
                      for slot in day["afternoon"]]
        self.start_tour("/odoo/aftersales-appointments", "aftersales_appointment_booking",
                        login="tour_booking_advisor")
        appointment = Appointment.search([("vehicle_id", "=", booked.id)])
        self.assertEqual(fields.Datetime.to_string(appointment.start_date), afternoons[0]["value"])
        self.assertGreaterEqual(afternoons[0]["time"], "12:00")
        self.assertEqual((appointment.advisor_id, appointment.partner_id.name, appointment.state),
                         (advisor, "白龙马", "booked"))
