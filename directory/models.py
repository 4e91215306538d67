"""Where Django finds the app's models: each domain package keeps its own, and importing them
here registers them (and shows them to migrations) under the one app label ``directory``.
Code imports a model from its domain's ``models`` module, never from here."""

from .accounts import models as accounts_models  # noqa: F401
from .engagement import models as engagement_models  # noqa: F401
from .events import models as events_models  # noqa: F401
from .listings import models as listings_models  # noqa: F401
from .notifications import models as notifications_models  # noqa: F401
from .outbox import models as outbox_models  # noqa: F401
