"""The lint engine: runs registered rules over modelled maps, applies configuration and suppressions."""
