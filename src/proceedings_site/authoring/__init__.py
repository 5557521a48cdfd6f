"""The organizers' tools: commands that write a site's files (``init``, ``new-edition``, ``new-paper``,
``new-person``, ``new-keynote``, ``new-slot``, ``schema``)."""
