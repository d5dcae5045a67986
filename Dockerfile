# The official Odoo 19.0 image with the OCA addons of requirements.txt (installed into Odoo's addons
# namespace, without their dependencies: Odoo's own libraries stay as the image has them).
FROM odoo:19.0
USER root
COPY requirements.txt /tmp/aftersales-requirements.txt
RUN pip3 install --no-cache-dir --no-deps --break-system-packages -r /tmp/aftersales-requirements.txt \
    && rm /tmp/aftersales-requirements.txt
USER odoo
