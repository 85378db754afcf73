/** The district's and the follow-up officer's pages, one chunk: the review queue and the chase list (pages.ts). */
export { DistrictQueuePage } from '../../features/district/DistrictQueuePage';
export { FollowupPage } from '../../features/followup/FollowupPage';
