"""Touches to the generated OpenAPI schema."""


def unique_enum_values(result: dict, generator, request, public) -> dict:
    """List each enum value once. The country filters repeat the commonest countries at the
    top for people choosing from a list; client generators fail on a repeated enum value."""

    def walk(node):
        if isinstance(node, dict):
            if isinstance(node.get("enum"), list):
                node["enum"] = list(dict.fromkeys(node["enum"]))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(result)
    return result
