def client_ip(request) -> str:
    """The client's address as the trusted proxy reports it: the last hop it appended."""
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    return hops[-1] if hops else request.META.get("REMOTE_ADDR", "")


def remote_addr(request) -> str:
    """The address of the connection itself (no proxy in front)."""
    return request.META.get("REMOTE_ADDR", "")
