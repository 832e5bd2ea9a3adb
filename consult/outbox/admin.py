from django.contrib import admin

from .models import OutboxTask


@admin.register(OutboxTask)
class OutboxTaskAdmin(admin.ModelAdmin):
    list_display = (
        "task", "created_at", "sent_at", "done_at", "attempts", "last_error"
    )  # fmt: skip
    list_filter = (
        "task",
        ("sent_at", admin.EmptyFieldListFilter),
        ("done_at", admin.EmptyFieldListFilter),
    )
    readonly_fields = [f.name for f in OutboxTask._meta.fields]

    def has_add_permission(self, request):
        return False
