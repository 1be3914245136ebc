from django.urls import path

from . import feeds, views

app_name = "municipality"

urlpatterns = [
    path("about/", views.about, name="about"),
    path("about/structure/", views.structure, name="structure"),
    path("about/executives/", views.executives, name="executives"),
    path("about/powers/", views.page, {"kind": "powers"}, name="powers"),
    path("about/laws/", views.page, {"kind": "laws"}, name="laws"),
    path("about/ethics-code/", views.page, {"kind": "ethics-code"}, name="ethics-code"),
    path("about/ethics-guide/", views.page, {"kind": "ethics-guide"}, name="ethics-guide"),
    path("about/<slug:kind>/versions/<int:pk>/", views.page_version, name="page_version"),
    path("about/<slug:kind>/preview/", views.page_preview, name="page_preview"),
    path("contact/", views.contact, name="contact"),
    path("social/", views.social, name="social"),
    path("news/", views.news_list, name="news"),
    path("news/feed/", feeds.LatestNewsRss(), name="news_rss"),
    path("news/feed/atom/", feeds.LatestNewsAtom(), name="news_atom"),
    path("news/<int:pk>/", views.news_detail, name="news_detail_id"),
    path("news/<int:pk>-<slug:slug>/", views.news_detail, name="news_detail"),
    path("news/<int:pk>/preview/", views.news_preview, name="news_preview"),
    path("questions/", views.questions, name="questions"),
]
