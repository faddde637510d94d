"""Deterministic demo data: cards, hand-made grids and a whole demo region."""

from schoolnet_xl.demo.cards import make_card, make_cards, numbered_card
from schoolnet_xl.demo.region import (
    DemoFile,
    demo_school_list,
    make_demo_region,
    plan_demo_region,
    write_demo_school_list,
)

__all__ = ["DemoFile", "demo_school_list", "make_card", "make_cards", "make_demo_region",
           "numbered_card", "plan_demo_region", "write_demo_school_list"]
