"""Every write of the sortition app: permission, validation, transaction, audit entry.

Callers import from the module that defines the function:

- `services.register`: the sortition itself, stage one (register extract, invitation sample),
  stage two (features, sign-up) and the deletion of personal data;
- `services.selection`: quotas, the published lottery, the draw and its verification,
  replacements and the end;
- `services.runs`: selection runs (LEXIMIN, LEGACY), requested here and computed by the task worker;
- `services.letters`: the invitation letters PDF, made by the task worker into the private storage.

All computations come from the pure algorithm package `stadtdialog.sortition.algorithm`.
"""
