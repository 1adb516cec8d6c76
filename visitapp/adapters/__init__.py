"""The outside world behind small interfaces (geocoder, SMS, travel times, PDF, solver)."""
