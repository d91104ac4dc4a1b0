"""Knowledge: what newskg knows before it reads an article.

In: the YAML files under ``kg/knowledge/data`` (gazetteers of countries, government bodies, organisations and
people; trigger lexicons; role titles; boilerplate rules; view styles). Out: validated, cached lookup objects
(:class:`~kg.knowledge.gazetteer.Gazetteer`, lexicons, dated offices, places, entity rules) that every later
stage reads. Nothing here reads an article; adding an alias or a trigger word is a data change only.
"""
