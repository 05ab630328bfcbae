"""Where a KPI's number comes from: readers of source data (no Django), e.g. a CKAN catalog."""
