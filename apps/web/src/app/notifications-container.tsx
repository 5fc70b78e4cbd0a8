// Mantine's notifications container, in a module of its own so that it loads on demand (main.tsx):
// imported through the package's index, it would come with the first screen.
export { Notifications } from "@mantine/notifications";
