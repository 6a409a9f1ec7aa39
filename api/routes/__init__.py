"""Route modules, one per resource; each holds thin handlers calling one ``kg`` function."""
