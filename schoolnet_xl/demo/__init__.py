"""Deterministic demo data: cards, hand-made grids and a whole demo region."""

from schoolnet_xl.demo.cards import make_card, make_cards, numbered_card
from schoolnet_xl.demo.region import DemoFile, make_demo_region, plan_demo_region

__all__ = ["DemoFile", "make_card", "make_cards", "make_demo_region", "numbered_card",
           "plan_demo_region"]
