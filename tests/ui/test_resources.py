"""Resources are found in a checkout and in a wheel layout; every icon loads."""

import pytest
from PySide6.QtCore import QDir, QSize
from PySide6.QtGui import QIcon, QImage

from editor.ui import resources
from editor.ui.resources import ICONS, app_icon, icon, register_icon_search_path, resource_path


def test_resource_path_finds_the_checkout_icons():
    assert resource_path("icons", "accept.svg").is_file()


def test_resource_path_prefers_the_wheel_layout(tmp_path, monkeypatch):
    wheel = tmp_path / "site-packages" / "editor"
    (wheel / "resources" / "icons").mkdir(parents=True)
    monkeypatch.setattr(resources, "_PACKAGE_DIR", wheel)
    assert resource_path("icons") == wheel / "resources" / "icons"


def test_missing_resources_folder_raises(tmp_path, monkeypatch):
    monkeypatch.setattr(resources, "_PACKAGE_DIR", tmp_path / "editor")
    with pytest.raises(FileNotFoundError):
        resource_path("icons")


@pytest.mark.parametrize("name", sorted(ICONS))
def test_every_icon_file_renders(qapp, name):
    image = QImage(str(resource_path("icons", f"{name}.svg")))
    assert not image.isNull()


@pytest.mark.parametrize("name", sorted(ICONS))
def test_every_icon_loads(qapp, name):
    assert not icon(name).pixmap(QSize(24, 24)).isNull()


def test_unknown_icon_is_null_not_an_error(qapp):
    assert icon("no-such-icon").isNull()


def test_missing_icon_file_is_null_not_an_error(qapp, tmp_path, monkeypatch):
    (tmp_path / "editor" / "resources" / "icons").mkdir(parents=True)
    monkeypatch.setattr(resources, "_PACKAGE_DIR", tmp_path / "editor")
    assert app_icon().isNull()


def test_theme_icon_wins_when_the_desktop_has_one(qapp, monkeypatch):
    themed = QIcon(str(resource_path("icons", "mend.svg")))
    monkeypatch.setattr(QIcon, "fromTheme", staticmethod(lambda name, fallback: themed))
    assert icon("open").cacheKey() == themed.cacheKey()


def test_app_icon_is_not_null(qapp):
    assert not app_icon().isNull()


def test_icon_search_path_is_registered_once(qapp):
    register_icon_search_path()
    register_icon_search_path()
    assert QDir.searchPaths("icons").count(str(resource_path("icons"))) == 1


def test_icons_prefix_resolves_after_registering(qapp):
    register_icon_search_path()
    assert not QIcon("icons:accept.svg").pixmap(QSize(16, 16)).isNull()
