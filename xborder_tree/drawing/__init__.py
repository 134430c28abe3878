"""Drawing with Graphviz: the whole map, focus views, two paths compared, diagrams cut
into slides, and running ``dot`` safely.
"""
