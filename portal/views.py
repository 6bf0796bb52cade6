from django.shortcuts import render


def not_found(request, message: str):
    """The friendly 404 page, saying what was not found (a known code, a centre), in DEBUG too."""
    return render(request, "404.html", {"message": message}, status=404)
