"""Rule definitions, one module per family; `registry.all_rules()` collects them."""
