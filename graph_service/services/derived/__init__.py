"""Derived data kept at write time: answers that would otherwise read every member."""
