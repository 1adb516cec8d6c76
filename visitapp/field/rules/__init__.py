"""Pure rules of the field: which talking points apply, map-app links, WGS-84 to GCJ-02/BD-09."""
