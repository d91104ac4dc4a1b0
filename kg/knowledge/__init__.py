"""Knowledge: what newskg knows before it reads an article.

In: the YAML files under ``kg/knowledge/data`` (gazetteers of countries, government bodies, organisations and
people; trigger lexicons; role titles; boilerplate rules; view styles; the event kinds). Out: validated, cached
lookup objects (:class:`~kg.knowledge.gazetteer.Gazetteer`, lexicons, dated offices, places, entity rules, the
event kinds of :mod:`~kg.knowledge.kinds`) that every later
stage reads. Nothing here reads an article; adding an alias or a trigger word is a data change only.
"""
