# The constraints apart from the data step before them: on PostgreSQL a table cannot be altered
# in the transaction that updated its rows while constraint triggers are pending.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("claims", "0009_claim_as_published"),
    ]

    operations = [
        migrations.AddConstraint(
            model_name='claim',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('status', 'published'), _negated=True), models.Q(('published_text', ''), _negated=True), _connector='OR'), name='claim_published_has_wording'),
        ),
        migrations.AddConstraint(
            model_name='claim',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('claimant', ''), ('claimant_kind', '')), models.Q(models.Q(('claimant', ''), _negated=True), ('claimant_kind__in', ['person', 'organization'])), _connector='OR'), name='claim_claimant_kind_valid'),
        ),
    ]
