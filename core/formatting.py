def id_number(value):
    """1250000 -> '1.250.000': whole numbers grouped the Indonesian way, whatever language the page is in."""
    return f"{int(value):,}".replace(",", ".")
