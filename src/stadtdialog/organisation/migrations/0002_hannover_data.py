"""Once this migration loaded Hannover's districts, quarters and fields of action; now it does nothing.

A city's master data is no longer part of the schema: `manage.py load_city NAME` loads it from
`organisation/data/cities/NAME/` (or any folder by its path), so that another city installs the same
migrations and loads its own folder. The file stays because later migrations depend on it by name.
A database that ran the old version keeps its rows; `load_city hannover` takes them over (districts by
number, quarters and fields of action by address) and adds the City row.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("organisation", "0001_initial")]
    operations = [migrations.RunPython(migrations.RunPython.noop, migrations.RunPython.noop)]
