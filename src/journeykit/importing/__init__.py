"""Building maps from other formats: `journeykit import csv`."""
