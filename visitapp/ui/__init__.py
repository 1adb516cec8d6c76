"""What every page shares: the signed-in identity (auth), the one way into a handler (entry), the layout, login."""
