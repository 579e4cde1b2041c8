"""The app's routes, one ``APIRouter`` per page family; ``create_app`` includes them all.

analyze (the form, the example and their JSON), articles, entities, outlets,
claims, docs.  Every HTML page's JSON twin sits beside it, computed by the
same function.
"""
