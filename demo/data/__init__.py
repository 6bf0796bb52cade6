"""The demo province's data: Quảng Ninh after the 1 July 2025 arrangement (sources in SOURCES.md).

Plain Python values only; ``demo.services`` turns them into rows through the apps' own services."""
