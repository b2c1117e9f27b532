{#- post_hook of a model incremental by article: rows of an article that has left the models (superseded by a
    correction, or removed) are deleted, since delete+insert only replaces the articles a run reads. -#}
{% macro delete_articles_no_longer_current() %}
    delete from {{ this }} where article_id not in (select article_id from {{ ref('stg_news__articles') }})
{% endmacro %}
