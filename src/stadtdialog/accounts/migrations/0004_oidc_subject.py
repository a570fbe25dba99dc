# Single sign-on: the provider's subject on the account, and where a role came from.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_staff_invitation"),
    ]

    operations = [
        migrations.AddField(
            model_name="role",
            name="source",
            field=models.CharField(
                choices=[("local", "Staff area"), ("oidc", "Single sign-on")],
                default="local",
                max_length=10,
                verbose_name="assigned by",
            ),
        ),
        migrations.AddField(
            model_name="user",
            name="oidc_subject",
            field=models.CharField(
                blank=True, default="", editable=False, max_length=255, verbose_name="single sign-on subject"
            ),
        ),
        migrations.AddConstraint(
            model_name="user",
            constraint=models.UniqueConstraint(
                condition=models.Q(("oidc_subject", ""), _negated=True),
                fields=("oidc_subject",),
                name="user_oidc_subject_unique",
            ),
        ),
    ]
