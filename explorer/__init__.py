"""The analyst explorer: a read-only Streamlit app over a published warehouse (``make explore``)."""
