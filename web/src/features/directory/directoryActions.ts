import { directoryApi } from "../../api/endpoints";
import type { DepartmentDto, DirectoryEntryDto, DirectoryProfileDto } from "../../api/types";

export async function searchDirectory(q: string): Promise<DirectoryEntryDto[]> {
  return q.trim() ? (await directoryApi.search(q.trim())).items : [];
}
export async function loadDepartments(): Promise<DepartmentDto[]> {
  return (await directoryApi.departments()).items;
}
export async function departmentMembers(id: number): Promise<DirectoryEntryDto[]> {
  return (await directoryApi.members(id)).items;
}
export const loadProfile = (id: number): Promise<DirectoryProfileDto> => directoryApi.profile(id);
