"use server";

export async function save(form: FormData) {
  return form.get('name');
}
