"""{% fragment "name" value … %}…{% endfragment %}: a part of a page kept for every visitor
(kpp_portal/fragments.py says what may go inside and how it is invalidated)."""
from django import template

from .. import fragments

register = template.Library()


class FragmentNode(template.Node):
    def __init__(self, nodelist, name, vary):
        self.nodelist, self.name, self.vary = nodelist, name, vary

    def render(self, context):
        name = self.name.resolve(context)
        vary = [value.resolve(context) for value in self.vary]
        return fragments.cached(name, vary, lambda: self.nodelist.render(context))


@register.tag
def fragment(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("{% fragment %} needs a name: {% fragment \"name\" value … %}")
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(nodelist, parser.compile_filter(bits[1]),
                        [parser.compile_filter(bit) for bit in bits[2:]])
