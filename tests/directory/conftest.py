import pytest

from tests.directory.introduction_data import World, make_world


@pytest.fixture
def world() -> World:
    """A nonprofit with a need and a provider with an offering, and their members."""
    return make_world()
