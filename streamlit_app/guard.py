"""Every page runs inside this guard: the user sees a Swedish message, never a traceback."""

import logging
from collections.abc import Callable

import streamlit as st

from streamlit_app.warehouse import NOT_PUBLISHED_MESSAGE, WarehouseUnavailable

UNEXPECTED_MESSAGE = (
    "Sidan kunde inte visas på grund av ett oväntat fel. Försök ladda om sidan; "
    "kvarstår felet, kontakta den som förvaltar Sjuhärad Insyn."
)

logger = logging.getLogger("sjuharad_insyn.app")


def show_unavailable(problem: WarehouseUnavailable) -> None:
    message = str(problem)
    if message == NOT_PUBLISHED_MESSAGE:
        st.info(message, icon=":material/info:")
    else:
        st.warning(message, icon=":material/warning:")


def run_page(render: Callable[[], None]) -> None:
    try:
        render()
    except WarehouseUnavailable as problem:
        show_unavailable(problem)
    except Exception:
        logger.exception("page failed")
        st.error(UNEXPECTED_MESSAGE, icon=":material/error:")
