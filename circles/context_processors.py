from circles import content


def handreiking(request):
    """The publication every page attributes its quotes to (title, publisher, links)."""
    return {"source": content.source()}
