from __future__ import annotations

from django.urls import path

from . import views

app_name = "showcase"

urlpatterns: list = [
    path("projects/", views.project_list, name="projects"),
    path("projects/<slug:slug>/", views.project_detail, name="project"),
    path("editions/", views.editions, name="editions"),
    path("contact/", views.contact, name="contact"),
    path("showcase/stories/", views.story_worklist, name="story_worklist"),
    path("showcase/stories/<int:pk>/", views.story, name="story"),
    path("showcase/stories/<int:pk>/review/", views.story_review, name="story_review"),
]
