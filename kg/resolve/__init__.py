"""Resolution: the facts of every article in, corpus-wide entities and events out.

In: one :class:`~kg.extract.facts.ArticleResult` per article (local entities and facts). Out: a
:class:`~kg.resolve.entities.Resolution` mapping each article's local entities to global ones (gazetteer ids,
normalised names, fuzzy blocking) and :class:`~kg.resolve.events.EventCluster` groups, so that one offer or
sanction told by five outlets is one node with five sources; each kind of event merges by the policy its entry
of ``kinds.yaml`` names. :mod:`~kg.resolve.keyed` finds the same entities from a summary per distinct name key,
for a streaming build whose articles come one at a time. A user's corrections file (:mod:`~kg.resolve.corrections`, applied by
:mod:`~kg.resolve.correcting`) overrides the rules: mentions it says are one entity are joined, mentions it says
are different are kept apart, and it can set an entity's class or drop a name that is no entity.
"""
