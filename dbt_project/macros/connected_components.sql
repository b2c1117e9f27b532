{#- The body of a recursive CTE `<name>(node, label)` that spreads the smallest label through an
    undirected graph: select `node, min(label)` from it, grouped by node, to get each node's component.
    `nodes_sql` selects one node id per row; `edges_cte` has columns node_a, node_b. -#}
{% macro connected_components(name, nodes_sql, edges_cte) %}
    select node_id, node_id from ({{ nodes_sql }}) as nodes(node_id)
    union
    select edge.node_b, walk.label
    from {{ name }} as walk
    inner join (
        select node_a, node_b from {{ edges_cte }}
        union all
        select node_b, node_a from {{ edges_cte }}
    ) as edge on walk.node = edge.node_a
{% endmacro %}
