from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "Portal"

    def ready(self):
        from django.conf import settings
        from PIL import Image

        # Pillow's own ceiling, for every image the process opens (uploads, stamps, slips): it refuses
        # images past twice this many pixels before decoding any; uploads are held to the limit itself.
        Image.MAX_IMAGE_PIXELS = settings.DOSSIER_IMAGE_MAX_MEGAPIXELS * 1_000_000
