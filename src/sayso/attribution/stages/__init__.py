"""An article's analysis as an ordered registry of named stages over one ArticleContext.

Each stage is a module of this package with one entry point, ``run(ctx)``,
that reads what earlier stages added to the context and adds its own
(docs/architecture.md lists what each reads and adds).  ``build_report``
walks ``registry.STAGES`` in order; a stage that sets ``ctx.report`` ends the walk.
The order is the behaviour: attributions are resolved first to last, so a
definite "the sources" can point back to sources an earlier attribution
cited, and a pronoun to the people named before it.

A new analysis is one module here and one line in ``registry.STAGES``; a new
per-attribution step (one that must see the entity store as the earlier
attributions left it) is one module and one line in
``resolution.STEPS``.
"""
