"""{% fragment "name" value … [using section] %}…{% endfragment %}: a part of a page kept for
every visitor, drawn from the page's section (kpp_portal/fragments.py says what may go inside
and how it is invalidated),
{% constant "name" value … %}…{% endconstant %}: a part drawn from the code alone, rendered once
per process and language, and
{% blank_form form %}: a public form shown blank, kept the same way."""
from crispy_forms.templatetags.crispy_forms_tags import CrispyFormNode
from django import template
from django.utils.safestring import mark_safe

from .. import fragments
from ..forms import TOKEN_FIELD

register = template.Library()


class FragmentNode(template.Node):
    def __init__(self, nodelist, name, vary, section=None):
        self.nodelist, self.name, self.vary, self.section = nodelist, name, vary, section

    def render(self, context):
        name = self.name.resolve(context)
        vary = [value.resolve(context) for value in self.vary]
        return fragments.cached(name, vary, lambda: self._render(context))

    def _render(self, context):
        section = self.section.resolve(context) if self.section else None
        with context.push(**(section.values if section else {})):
            return self.nodelist.render(context)


@register.tag
def fragment(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("{% fragment %} needs a name: {% fragment \"name\" value … %}")
    section = None
    if len(bits) > 3 and bits[-2] == "using":
        section, bits = parser.compile_filter(bits[-1]), bits[:-2]
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(nodelist, parser.compile_filter(bits[1]),
                        [parser.compile_filter(bit) for bit in bits[2:]], section)


class ConstantNode(template.Node):
    def __init__(self, nodelist, name, vary):
        self.nodelist, self.name, self.vary = nodelist, name, vary

    def render(self, context):
        vary = [value.resolve(context) for value in self.vary]
        return fragments.constant(self.name.resolve(context), vary, lambda: self.nodelist.render(context))


@register.tag
def constant(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("{% constant %} needs a name: {% constant \"name\" value … %}")
    nodelist = parser.parse(("endconstant",))
    parser.delete_first_token()
    vary = [parser.compile_filter(bit) for bit in bits[2:]]
    return ConstantNode(nodelist, parser.compile_filter(bits[1]), vary)


# Stand-ins for this request's secrets in a kept blank form: never part of any real page.
CSRF_MARK = "\x00csrf-token\x00"
FORM_TOKEN_MARK = "\x00form-token\x00"


@register.simple_tag(takes_context=True)
def blank_form(context, form):
    """`{% crispy form %}`, kept while the form is blank: a public form shown empty is the same
    for everyone but for its CSRF token and one-time token, which are put in for each request.
    A bound form (what a person typed, its errors) is always rendered, never kept."""
    node = CrispyFormNode("form", None)

    def render():
        with context.push(form=form):
            return node.render(context)

    if form.is_bound:
        return render()
    csrf = str(context.get("csrf_token", ""))
    token = str(form[TOKEN_FIELD].value()) if TOKEN_FIELD in form.fields else ""
    secrets = [(value, mark) for value, mark in ((csrf, CSRF_MARK), (token, FORM_TOKEN_MARK)) if value]

    def render_without_secrets():
        html = render()
        for value, mark in secrets:
            html = html.replace(value, mark)
        return html

    kind = f"{type(form).__module__}.{type(form).__qualname__}"
    html = fragments.cached("blank-form", [kind], render_without_secrets)
    for value, mark in secrets:
        html = html.replace(mark, value)
    return mark_safe(html)  # noqa: S308 - crispy's own output, with the request's tokens put back
